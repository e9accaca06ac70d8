package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rendered-page cache's bounds: its byte budget, and the largest entry it keeps. */
class PageCacheTest {
    /** A page of {@code bytes} bytes that gzip cannot shrink much (random letters). */
    private static Response page(int bytes, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(bytes);
        for (int i = 0; i < bytes; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return Response.of(200, "text/html; charset=utf-8", s.toString(), Response.REVALIDATE, null, null);
    }

    @Test
    void keepsALargePageUpToAnEighthOfTheBudget() {
        PageCache cache = new PageCache(64L << 20);
        assertThat(cache.maxEntry()).isEqualTo(8L << 20);
        cache.put("1 /topics/index.html", page(4 << 20, 1)); // 4 MB and its gzip form
        assertThat(cache.get("1 /topics/index.html")).isNotNull();
        cache.put("1 /huge.html", page(9 << 20, 2));
        assertThat(cache.get("1 /huge.html")).as("more than an eighth").isNull();
    }

    @Test
    void aSmallBudgetStillKeepsPagesOfAMegabyte() {
        PageCache cache = new PageCache(4L << 20);
        assertThat(cache.maxEntry()).isEqualTo(PageCache.MAX_ENTRY);
        cache.put("1 /a.html", page(600_000, 3));
        assertThat(cache.get("1 /a.html")).isNotNull();
        cache.put("1 /b.html", page(700_000, 4)); // with its gzip form, above 1 MB
        assertThat(cache.get("1 /b.html")).isNull();
    }

    @Test
    void staysWithinItsBudgetDroppingTheOldestFirst() {
        PageCache cache = new PageCache(2L << 20);
        for (int i = 0; i < 10; i++) {
            cache.put("1 /p" + i + ".html", page(300_000, i));
        }
        long held = 0;
        for (int i = 0; i < 10; i++) {
            Response r = cache.get("1 /p" + i + ".html");
            held += r == null ? 0 : r.size();
        }
        assertThat(held).isLessThanOrEqualTo(2L << 20).isPositive();
        assertThat(cache.get("1 /p0.html")).isNull();
        assertThat(cache.get("1 /p9.html")).isNotNull();
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        PageCache cache = new PageCache(0);
        cache.put("1 /a.html", page(1000, 5));
        assertThat(cache.get("1 /a.html")).isNull();
        assertThat(cache.entries()).isZero();
    }
}
