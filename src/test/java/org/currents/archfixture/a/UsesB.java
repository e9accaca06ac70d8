package org.currents.archfixture.a;

/** Half of a deliberate package cycle, for ArchitectureTest to prove its cycle rule can fail. */
public final class UsesB {
    public static int size() {
        return org.currents.archfixture.b.UsesA.name().length();
    }
}
