package org.currents.archfixture.b;

/** The other half of ArchitectureTest's deliberate package cycle. */
public final class UsesA {
    public static String name() {
        return "b";
    }

    public static int twice() {
        return 2 * org.currents.archfixture.a.UsesB.size();
    }
}
