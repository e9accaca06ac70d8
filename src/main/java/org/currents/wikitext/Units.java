package org.currents.wikitext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code {{convert}}}: the units that day pages use, rendered as Wikipedia shows them
 * ("26 inches (66 cm)"; with {@code abbr=on} or {@code {{cvt}}}, "26 in (66 cm)"). Rounding
 * follows the template's default in spirit: the output keeps the input's precision, scaled by
 * the conversion factor. Unknown units show the value and unit as written, with a problem.
 */
final class Units {
    private record Unit(
            String singular, String plural, String symbol, double factor, double offset, String kind, String to) {}

    private static final Map<String, Unit> UNITS = new HashMap<>();

    private static void unit(
            String code, String singular, String plural, String symbol, double factor, String kind, String to) {
        UNITS.put(code, new Unit(singular, plural, symbol, factor, 0, kind, to));
    }

    static {
        unit("m", "metre", "metres", "m", 1, "length", "ft");
        unit("km", "kilometre", "kilometres", "km", 1000, "length", "mi");
        unit("cm", "centimetre", "centimetres", "cm", 0.01, "length", "in");
        unit("mm", "millimetre", "millimetres", "mm", 0.001, "length", "in");
        unit("mi", "mile", "miles", "mi", 1609.344, "length", "km");
        unit("ft", "foot", "feet", "ft", 0.3048, "length", "m");
        unit("in", "inch", "inches", "in", 0.0254, "length", "cm");
        unit("yd", "yard", "yards", "yd", 0.9144, "length", "m");
        unit("nmi", "nautical mile", "nautical miles", "nmi", 1852, "length", "km");
        unit("km2", "square kilometre", "square kilometres", "km2", 1e6, "area", "sqmi");
        unit("sqmi", "square mile", "square miles", "sq mi", 2589988.110336, "area", "km2");
        unit("m2", "square metre", "square metres", "m2", 1, "area", "sqft");
        unit("sqft", "square foot", "square feet", "sq ft", 0.09290304, "area", "m2");
        unit("ha", "hectare", "hectares", "ha", 10000, "area", "acre");
        unit("acre", "acre", "acres", "acres", 4046.8564224, "area", "ha");
        unit("kg", "kilogram", "kilograms", "kg", 1, "mass", "lb");
        unit("g", "gram", "grams", "g", 0.001, "mass", "oz");
        unit("t", "tonne", "tonnes", "t", 1000, "mass", "ST");
        unit("lb", "pound", "pounds", "lb", 0.45359237, "mass", "kg");
        unit("oz", "ounce", "ounces", "oz", 0.028349523125, "mass", "g");
        unit("ST", "short ton", "short tons", "short tons", 907.18474, "mass", "t");
        unit("km/h", "kilometre per hour", "kilometres per hour", "km/h", 1 / 3.6, "speed", "mph");
        unit("mph", "mile per hour", "miles per hour", "mph", 0.44704, "speed", "km/h");
        unit("kn", "knot", "knots", "kn", 1852 / 3600.0, "speed", "km/h");
        unit("m/s", "metre per second", "metres per second", "m/s", 1, "speed", "km/h");
        unit("l", "litre", "litres", "L", 0.001, "volume", "USgal");
        unit("L", "litre", "litres", "L", 0.001, "volume", "USgal");
        unit("USgal", "US gallon", "US gallons", "US gal", 0.003785411784, "volume", "L");
        unit("m3", "cubic metre", "cubic metres", "m3", 1, "volume", "cuft");
        unit("cuft", "cubic foot", "cubic feet", "cu ft", 0.028316846592, "volume", "m3");
        UNITS.put("C", new Unit("degree Celsius", "degrees Celsius", "°C", 1, 0, "temperature", "F"));
        UNITS.put("F", new Unit("degree Fahrenheit", "degrees Fahrenheit", "°F", 5 / 9.0, -32, "temperature", "C"));
    }

    private static final Set<String> RANGE_WORDS = Set.of("-", "–", "to", "and", "or", "x", "×", "by", "&");

    private Units() {}

    static void render(InlineRenderer r, TemplateCall call, InlineRenderer.Out out, boolean abbreviate) {
        InlineRenderer.Out sink = out.nested(true);
        String[] p = new String[Math.min(call.positionalCount(), 6)];
        for (int k = 0; k < p.length; k++) {
            TemplateCall.Arg a = call.positional(k + 1);
            p[k] = r.plain(a.from(), a.to(), sink);
        }
        if (p.length < 2) {
            r.problemAt(call.at(), "{{convert}} without a value and unit: dropped");
            return;
        }
        TemplateCall.Arg abbrArg = call.named("abbr");
        String abbr = abbrArg == null
                ? ""
                : r.text(abbrArg.from(), abbrArg.to()).strip().toLowerCase(Locale.ROOT);
        boolean abbrIn = abbreviate || abbr.equals("on") || abbr.equals("in");
        String value = p[0];
        String value2 = null;
        int u = 1;
        if (p.length >= 4 && RANGE_WORDS.contains(p[1])) {
            value2 = p[2];
            u = 3;
        }
        String range = value2 == null ? null : p[1].equals("-") ? "–" : " " + p[1] + " ";
        Unit from = UNITS.get(p[u]);
        String toCode = u + 1 < p.length ? p[u + 1] : from == null ? null : from.to;
        Unit to = toCode == null ? null : UNITS.get(toCode);
        Double v1 = number(value);
        Double v2 = value2 == null ? null : number(value2);
        if (from == null || to == null || v1 == null || (value2 != null && v2 == null) || !from.kind.equals(to.kind)) {
            r.emit(out, value + (value2 == null ? "" : range + value2) + " " + p[u]);
            r.problemAt(call.at(), "{{convert}} with unit \"" + p[u] + "\" not known: shown unconverted");
            return;
        }
        String shown = value + (value2 == null ? "" : range + value2);
        boolean plural = value2 != null || v1 != 1.0;
        String fromName = abbrIn ? from.symbol : plural ? from.plural : from.singular;
        String converted = convert(v1, decimals(value), from, to);
        if (v2 != null) {
            converted = converted + (range.equals("–") ? "–" : range) + convert(v2, decimals(value2), from, to);
        }
        r.emit(out, shown + " " + fromName + " (" + converted + " " + to.symbol + ")");
    }

    private static String convert(double v, int decimals, Unit from, Unit to) {
        double si = (v + from.offset) * from.factor;
        double result = si / to.factor - to.offset;
        double ratio = from.factor / to.factor;
        int d = Math.max(0, decimals - (int) Math.floor(Math.log10(ratio)));
        if (decimals == 0 && Math.abs(result) >= 10) {
            d = 0;
        }
        return BigDecimal.valueOf(result).setScale(d, RoundingMode.HALF_UP).toPlainString();
    }

    private static int decimals(String value) {
        int dot = value.indexOf('.');
        return dot < 0 ? 0 : value.length() - dot - 1;
    }

    private static Double number(String value) {
        try {
            return Double.parseDouble(value.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
