// Each query of the search benchmark, in process (no HTTP), timed 40 times after 30 warm-ups:
// min and median of the wall time, and of the thread's CPU time. SQLite runs in the calling
// thread, so the CPU time is the search's own work: on a loaded machine it is the figure to
// compare (the wall time adds the waits for a core); on a quiet one the two agree.
// Usage: java -cp currents.jar bench/SearchTimes.java ARCHIVE 'the,in,the in,...'
// (ARCHIVE a SQLite file or a postgresql:// URL, as --db takes it)
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;

public class SearchTimes {
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (ArchiveStore s = Stores.open(args[0], Access.READ, n -> {})) {
            for (String q : args[1].split(",")) {
                for (int w = 0; w < 30; w++) {
                    s.search(SearchQuery.of(q, 20));
                }
                long[] t = new long[40];
                long[] cpu = new long[t.length];
                for (int i = 0; i < t.length; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    s.search(SearchQuery.of(q, 20));
                    t[i] = System.nanoTime() - t0;
                    cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                }
                java.util.Arrays.sort(t);
                java.util.Arrays.sort(cpu);
                System.out.printf(
                        "%-20s wall min %6.2f ms p50 %6.2f ms   cpu min %6.2f ms p50 %6.2f ms%n",
                        q, t[0] / 1e6, t[t.length / 2] / 1e6, cpu[0] / 1e6, cpu[cpu.length / 2] / 1e6);
            }
        }
    }
}
