// Each query of the search benchmark, in process (no HTTP), timed 40 times after 30 warm-ups:
// min and median. On a loaded machine the minimum is the closest to what a search costs.
// Usage: java -cp currents.jar bench/SearchTimes.java ARCHIVE.db 'the,in,the in,...'
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;

public class SearchTimes {
    public static void main(String[] args) {
        try (ArchiveStore s = Stores.open(args[0], Access.READ, n -> {})) {
            for (String q : args[1].split(",")) {
                for (int w = 0; w < 30; w++) {
                    s.search(SearchQuery.of(q, 20));
                }
                long[] t = new long[40];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    s.search(SearchQuery.of(q, 20));
                    t[i] = System.nanoTime() - t0;
                }
                java.util.Arrays.sort(t);
                System.out.printf("%-20s min %6.2f ms  p50 %6.2f ms%n", q, t[0] / 1e6, t[t.length / 2] / 1e6);
            }
        }
    }
}
