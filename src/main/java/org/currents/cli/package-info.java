/**
 * The command line: the picocli root command {@link org.currents.cli.Currents} and one class per
 * subcommand. It wires the stages together; no other package depends on it.
 */
package org.currents.cli;
