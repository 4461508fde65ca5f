package org.bkdms.site.computing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

/**
 * A formula of a KPI mapping: an expression over a row's fields, such as
 * {@code consumption_m3 * 1000 / population} or {@code station == 'elgeseter' && pm10 >= 0}.
 *
 * <p>Formulas are data, never code. They are evaluated by Apache Commons JEXL restricted to
 * arithmetic, comparison and logic over the row's fields: method calls, object creation, property
 * access on any class, loops, lambdas, assignments, pragmas and namespaces are all disabled, and
 * the class sandbox allows nothing. Numbers are exact decimals ({@link BigDecimal}, 34 significant
 * digits in division); a literal such as {@code 0.1} means the decimal as written. A field whose text is a number is a number, any other a string; a field the
 * row lacks is an error. Immutable and thread-safe.
 */
public final class Formula {
    private static final JexlEngine ENGINE = new JexlBuilder()
            .features(new JexlFeatures().methodCall(false).newInstance(false).loops(false).lambda(false).sideEffect(false)
                    .sideEffectGlobal(false).structuredLiteral(false).annotation(false).pragma(false).pragmaAnywhere(false)
                    .namespacePragma(false).importPragma(false).localVar(false).script(false).register(false)
                    .thinArrow(false).fatArrow(false))
            .permissions(JexlPermissions.RESTRICTED)
            .sandbox(new JexlSandbox(false))
            .arithmetic(new DecimalArithmetic(true, MathContext.DECIMAL128, 18))
            .strict(true).silent(false).safe(false).antish(false).cache(512).create();

    private final String text;
    private final JexlExpression expression;

    private Formula(String text, JexlExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * @param text the formula
     * @return it, parsed
     * @throws MappingException if it is not a valid formula or uses a disabled feature
     */
    public static Formula parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new Formula(text, ENGINE.createExpression(text));
        } catch (JexlException e) {
            throw new MappingException("formula '" + text + "': " + reason(e));
        }
    }

    private static String reason(JexlException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /**
     * @param fields a row's fields
     * @return the formula's value, a number
     * @throws FormulaException if a field is missing, the result is no number, or evaluation fails
     */
    public BigDecimal number(Map<String, String> fields) {
        Object v = evaluate(fields);
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new FormulaException("formula '" + text + "' gave " + v + ", not a number");
    }

    /**
     * @param fields a row's fields
     * @return the formula's value, a yes or no
     * @throws FormulaException if a field is missing, the result is not a boolean, or evaluation fails
     */
    public boolean test(Map<String, String> fields) {
        Object v = evaluate(fields);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new FormulaException("formula '" + text + "' gave " + v + ", not true or false");
    }

    private Object evaluate(Map<String, String> fields) {
        MapContext context = new MapContext();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String t = f.getValue() == null ? null : f.getValue().strip();
            context.set(f.getKey(), number(t));
        }
        try {
            return expression.evaluate(context);
        } catch (JexlException | ArithmeticException e) {
            throw new FormulaException("formula '" + text + "': " + (e instanceof JexlException j ? reason(j) : e.getMessage()));
        }
    }

    private static Object number(String t) {
        if (t == null || t.isEmpty()) {
            return null;
        }
        char c = t.charAt(0);
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return t;
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A formula could not be evaluated on a row; the row goes to quarantine as {@code FORMULA_ERROR}. */
    public static final class FormulaException extends org.bkdms.core.error.BkdmsException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what failed
         */
        public FormulaException(String message) {
            super(message, null);
        }

        @Override
        public String reasonCode() {
            return "FORMULA_ERROR";
        }
    }

    /**
     * Decimal arithmetic: JEXL reads literals such as {@code 0.1} as doubles, which would make
     * {@code 0.1 + 0.2} come out as 0.30000000000000004; here they become the decimal they spell.
     */
    static final class DecimalArithmetic extends JexlArithmetic {
        DecimalArithmetic(boolean strict, MathContext context, int scale) {
            super(strict, context, scale);
        }

        @Override
        protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
            return new DecimalArithmetic(strict, context, scale);
        }

        private static Object decimal(Object o) {
            return o instanceof Double || o instanceof Float ? new BigDecimal(o.toString()) : o;
        }

        @Override
        public Object add(Object left, Object right) {
            return super.add(decimal(left), decimal(right));
        }

        @Override
        public Object subtract(Object left, Object right) {
            return super.subtract(decimal(left), decimal(right));
        }

        @Override
        public Object multiply(Object left, Object right) {
            return super.multiply(decimal(left), decimal(right));
        }

        @Override
        public Object divide(Object left, Object right) {
            return super.divide(decimal(left), decimal(right));
        }

        @Override
        public Object mod(Object left, Object right) {
            return super.mod(decimal(left), decimal(right));
        }

        @Override
        public Object negate(Object value) {
            return super.negate(decimal(value));
        }
    }
}
