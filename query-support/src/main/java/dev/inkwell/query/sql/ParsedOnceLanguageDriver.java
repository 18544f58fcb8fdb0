package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.builder.SqlSourceBuilder;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.parsing.XNode;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.scripting.xmltags.XMLScriptBuilder;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.TypeHandlerRegistry;

/**
 * MyBatis's XML language driver, except that a dynamic statement parses the {@code #{...}} of the
 * SQL text it produced once, not on every execution.
 *
 * <p>For a dynamic statement ({@code <if>}, {@code <choose>}, {@code <foreach>}, {@code ${}}) MyBatis
 * evaluates the tags, then parses the resulting text again for its {@code #{...}} parameters on every
 * call, resolving each one's Java type and type handler by reflection (an inline
 * {@code typeHandler=} is even instantiated anew): some 10 % of a user create's CPU
 * (docs/benchmarks.md). That parse depends only on the text, the parameter object's class and the
 * values bound by the tags themselves ({@code <bind>}, {@code <foreach>} items, whose runtime types
 * MyBatis consults). So its result is kept per text and parameter class when the tags bound nothing
 * and the text names no binding ({@code _parameter}, {@code _databaseId}); any other execution is
 * parsed as MyBatis would. Where the text depends on nothing but which tests passed (no
 * {@code ${...}}, {@code <bind>} or non-empty loop on the way), the key is those outcomes, and a kept
 * parse is used without writing the text at all: writing it and comparing it with the kept one was
 * 8 % of a single-row upsert's CPU (docs/benchmarks.md). Tests are read without OGNL where their form
 * allows ({@link TagTree}, {@link PathTest}); the SQL is exactly what the stock driver produces.
 * Registered in {@code config/persistence-defaults.yml}, so module tests run through it as the
 * service does.
 *
 * <p>Every statement of this driver, dynamic or not, binds its parameters through
 * {@link SharedPathParameterHandler} (MyBatis's handler, reading the {@code row} of {@code row.email},
 * {@code row.name}, ... once per statement).
 */
public class ParsedOnceLanguageDriver extends XMLLanguageDriver {

  /** Texts kept per statement: dynamic SQL yields a handful; a statement that yields more parses the rest. */
  static final int TEXTS_PER_STATEMENT = 256;

  /** The handlers unknown-typed values bind with, for the configuration this driver serves (one per configuration). */
  private volatile ValueTypeHandlers valueHandlers;

  @Override
  public ParameterHandler createParameterHandler(MappedStatement mappedStatement, Object parameterObject, BoundSql boundSql) {
    TypeHandlerRegistry registry = mappedStatement.getConfiguration().getTypeHandlerRegistry();
    ValueTypeHandlers handlers = valueHandlers;
    if (handlers == null || !handlers.serves(registry)) {
      handlers = new ValueTypeHandlers(registry);
      valueHandlers = handlers;
    }
    return new SharedPathParameterHandler(mappedStatement, parameterObject, boundSql, handlers);
  }

  @Override
  public SqlSource createSqlSource(Configuration configuration, XNode script, Class<?> parameterType) {
    return new ScriptBuilder(configuration, script, parameterType).parseScriptNode();
  }

  /** The stock builder, whose dynamic statements get a {@link ParsedOnceSqlSource} over a {@link TagTree}. */
  private static final class ScriptBuilder extends XMLScriptBuilder {

    private final XNode script;

    ScriptBuilder(Configuration configuration, XNode script, Class<?> parameterType) {
      super(configuration, script, parameterType);
      this.script = script;
    }

    @Override
    public SqlSource parseScriptNode() {
      SqlSource stock = super.parseScriptNode();
      // The stock builder decides what is dynamic; its tree of tags is private, so it is built again
      // (once, at start-up), with tests read without OGNL where they can be.
      return stock instanceof DynamicSqlSource ? new ParsedOnceSqlSource(configuration, new TagTree(configuration).statement(script)) : stock;
    }
  }

  /** {@link DynamicSqlSource#getBoundSql}, with the parse of a text kept when it can only come out the same. */
  static final class ParsedOnceSqlSource implements SqlSource {

    private final Configuration configuration;
    private final TagTree.Statement statement;
    private final Map<Object, Parsed> parsed = new ConcurrentHashMap<>();

    ParsedOnceSqlSource(Configuration configuration, TagTree.Statement statement) {
      this.configuration = configuration;
      this.statement = statement;
    }

    @Override
    public BoundSql getBoundSql(Object parameterObject) {
      DynamicContext context = new DynamicContext(configuration, parameterObject);
      Map<String, Object> bindings = context.getBindings();
      Class<?> parameterType = parameterObject == null ? Object.class : parameterObject.getClass();
      // Where the tests' outcomes alone fix the text, they are the key, and a kept parse needs no text.
      BitSet applied = statement.decide(bindings);
      Object key = applied == null ? null : new Decided(applied, parameterType);
      Parsed one = key == null ? null : parsed.get(key);
      String text = null;
      if (one == null) {
        statement.root().apply(context);
        text = context.getSql();
        if (!stockBindings(bindings)) {
          key = null;
        } else if (key == null) {
          key = new Key(text, parameterType);
          one = parsed.get(key);
        }
      }
      BoundSql boundSql;
      if (one != null) {
        // A list of its own per execution: a plugin that edits it must not edit the kept one.
        boundSql = new BoundSql(configuration, one.sql(), new ArrayList<>(one.mappings()), parameterObject);
      } else {
        boundSql = new SqlSourceBuilder(configuration).parse(text, parameterType, bindings).getBoundSql(parameterObject);
        // Only a text that passed reusable() is ever kept, so the text is read for it on a miss only.
        if (key != null && reusable(text) && parsed.size() < TEXTS_PER_STATEMENT) {
          parsed.putIfAbsent(key, new Parsed(boundSql.getSql(), List.copyOf(boundSql.getParameterMappings())));
        }
      }
      bindings.forEach(boundSql::setAdditionalParameter);
      return boundSql;
    }

    /** Only the two bindings every context has (a {@code <foreach>} or {@code <bind>} adds more). */
    private static boolean stockBindings(Map<String, Object> bindings) {
      return bindings.size() == 2 && bindings.containsKey(DynamicContext.PARAMETER_OBJECT_KEY)
          && bindings.containsKey(DynamicContext.DATABASE_ID_KEY);
    }

    /** No parameter that reads those bindings (typed by their values). */
    private static boolean reusable(String text) {
      return !text.contains(DynamicContext.PARAMETER_OBJECT_KEY) && !text.contains(DynamicContext.DATABASE_ID_KEY);
    }

    int textsKept() {
      return parsed.size();
    }
  }

  /**
   * A text is new on every call, so its hash is computed on every call: this one reads the length and
   * every eighth character, not all of a text hundreds long. Texts of one statement differ in length
   * or in several places; equal hashes are told apart by equals, which compares the whole text.
   */
  private record Key(String text, Class<?> parameterType) {
    @Override
    public int hashCode() {
      int hash = text.length();
      for (int i = 0; i < text.length(); i += 8) {
        hash = 31 * hash + text.charAt(i);
      }
      return 31 * hash + parameterType.hashCode();
    }

    // Written out, as in Decided.
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && parameterType == other.parameterType && text.equals(other.text);
    }
  }

  /**
   * The tests that applied in a statement whose text they alone decide ({@link TagTree.Statement#decide}).
   * Its equals and hashCode are written out: a record's go through method handles that the JIT left
   * uninlined here, 1.4 % of an upsert's CPU samples against 0.1 % for BitSet's own (async-profiler, W6).
   */
  private record Decided(BitSet applied, Class<?> parameterType) {
    @Override
    public int hashCode() {
      return 31 * applied.hashCode() + parameterType.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Decided other && parameterType == other.parameterType && applied.equals(other.applied);
    }
  }

  /** The SQL with its {@code ?}s and what each binds. */
  private record Parsed(String sql, List<ParameterMapping> mappings) {
  }
}
