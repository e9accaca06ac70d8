package org.currents.publish;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the HTML site's pages with the jte templates under {@code src/main/jte}, compiled to
 * Java at build time (jte-maven-plugin) with content type HTML: every {@code ${...}} is escaped
 * for where it stands (text, attribute), so untrusted text from Wikipedia and news sites needs
 * no care in the templates. URLs are checked before they reach a template ({@link WebLinks}).
 * jte was chosen as the fastest precompiled, auto-escaping engine measured for a day page
 * (about 4× Pebble, 13× Thymeleaf).
 */
public final class HtmlRenderer implements Renderer {
    /** Where jte-maven-plugin puts the compiled templates (the pom's {@code packageName}). */
    static final String TEMPLATES = "org.currents.publish.html";

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, TEMPLATES);

    @Override
    public String extension() {
        return "html";
    }

    private static String render(String template, Views.Site site, Object page) {
        StringOutput out = new CleanOutput(8192);
        ENGINE.render(template, Map.of("h", new HtmlContext(site), "page", page), out);
        return out.toString();
    }

    @Override
    public String eventPage(Views.EventPage page, Views.Site site) {
        return render("event.jte", site, page);
    }

    @Override
    public String dayPage(Views.DayPage page, Views.Site site) {
        return render("day.jte", site, page);
    }

    @Override
    public String homePage(Views.HomePage page, Views.Site site) {
        return render("home.jte", site, page);
    }

    @Override
    public String yearPage(Views.YearPage page, Views.Site site) {
        return render("year.jte", site, page);
    }

    @Override
    public String monthPage(Views.MonthPage page, Views.Site site) {
        return render("month.jte", site, page);
    }

    @Override
    public String topicIndex(Views.TopicIndex page, Views.Site site) {
        return render("topics.jte", site, page);
    }

    @Override
    public String topicPage(Views.TopicPage page, Views.Site site) {
        return render("topic.jte", site, page);
    }

    @Override
    public String notFoundPage(Views.Site site) {
        StringOutput out = new CleanOutput(4096);
        ENGINE.render("notfound.jte", Map.of("h", new HtmlContext(site)), out);
        return out.toString();
    }
}
