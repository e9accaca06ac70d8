package org.currents.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a polite request to stop: a shutdown hook asks the
 * running job to stop at its next safe point and waits (up to a minute) for it to finish, so
 * that what was committed stays and the summary is printed. Close it when the job is done.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private Interruption(Runnable requestStop) {
        this.hook = new Thread(
                () -> {
                    requestStop.run();
                    try {
                        finished.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "currents-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Interruption onSignal(Runnable requestStop) {
        return new Interruption(requestStop);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running and waits for the latch released above
        }
    }
}
