package org.currents.enrich;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.currents.store.CitedUrl;
import org.currents.store.StoreException;

/** Where a run's URLs come from, a batch at a time, and where it says each is done. */
interface Feed {
    /** Up to {@code n} more URLs; empty when none is to be had now. */
    List<CitedUrl> more(int n);

    /** True when no URL will come any more (asked when {@link #more} gave none). */
    boolean exhausted() throws InterruptedException;

    /** The outcome of {@code url} is stored. */
    void done(String url);

    /** The URLs of one process's selection, all at once. */
    static final class AllAtOnce implements Feed {
        private List<CitedUrl> left;

        AllAtOnce(List<CitedUrl> urls) {
            this.left = urls;
        }

        @Override
        public List<CitedUrl> more(int n) {
            List<CitedUrl> all = left;
            left = List.of();
            return all;
        }

        @Override
        public boolean exhausted() {
            return true;
        }

        @Override
        public void done(String url) {}
    }

    /** URLs claimed from the work shared through the archive, renewed by a heartbeat. */
    static final class Claimed implements Feed {
        /** How often a worker with nothing to do looks again whether others left it work. */
        private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

        private final SharedWork work;
        private final int limit;
        private final ScheduledExecutorService heartbeat;
        private int taken;
        private long quietUntil = Long.MIN_VALUE;
        private boolean stopped;

        Claimed(SharedWork work, int limit) {
            this.work = work;
            this.limit = limit;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "currents-enrich-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long every = work.lease().toMillis() / 3;
            heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                work.claims().renew(work.worker(), work.lease(), Instant.now());
            } catch (StoreException e) {
                // the archive is unreachable for a moment: the next beat tries again, before the
                // lease (three beats long) expires
            }
        }

        @Override
        public List<CitedUrl> more(int n) {
            int room = limit == 0 ? n : Math.min(n, limit - taken);
            if (room <= 0) {
                return List.of();
            }
            // after a claim that found nothing, the next waits a while: the archive is not polled
            // at the dispatcher's pace while the last URLs are fetched
            if (System.nanoTime() < quietUntil) {
                return List.of();
            }
            List<CitedUrl> claimed = work.claims().claim(work.job(), work.worker(), room, work.lease(), Instant.now());
            taken += claimed.size();
            if (claimed.isEmpty()) {
                quietUntil = System.nanoTime() + IDLE_NANOS;
            }
            return claimed;
        }

        @Override
        public boolean exhausted() throws InterruptedException {
            if ((limit > 0 && taken >= limit) || work.claims().open(work.job()) == 0) {
                return true;
            }
            // other workers hold the rest: wait in case one of them dies and its lease expires
            TimeUnit.NANOSECONDS.sleep(IDLE_NANOS);
            return false;
        }

        @Override
        public void done(String url) {
            work.claims().done(List.of(url), Instant.now());
        }

        /** Stops the heartbeat and gives back what is claimed and not done. */
        void stop() {
            if (!stopped) {
                stopped = true;
                heartbeat.shutdownNow();
                work.claims().releaseAll(work.worker());
            }
        }
    }
}
