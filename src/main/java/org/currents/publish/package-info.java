/**
 * The site and the exports, after the store: a build reads the archive (never writes it), plans
 * its pages once ({@code PagePlan}), describes each page as a view record ({@link
 * org.currents.publish.Views}) and hands it to one {@link org.currents.publish.Renderer} per
 * output: the Markdown archive of SPEC.md, the HTML site (jte templates in {@code src/main/jte}),
 * Atom feeds; and {@link org.currents.publish.JsonExporter} for the dataset.
 */
package org.currents.publish;
