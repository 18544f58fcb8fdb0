package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.parsing.GenericTokenParser;
import org.apache.ibatis.parsing.XNode;
import org.apache.ibatis.scripting.xmltags.ChooseSqlNode;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.MixedSqlNode;
import org.apache.ibatis.scripting.xmltags.SetSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.StaticTextSqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.scripting.xmltags.TrimSqlNode;
import org.apache.ibatis.scripting.xmltags.VarDeclSqlNode;
import org.apache.ibatis.scripting.xmltags.WhereSqlNode;
import org.apache.ibatis.scripting.xmltags.XMLScriptBuilder;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.SimpleTypeRegistry;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The tree of a statement's tags, as {@link XMLScriptBuilder} builds it from MyBatis's own node
 * classes, except that what OGNL would read is read through {@link PathTest} where its form allows:
 * an {@code <if>} or {@code <when>}'s test, a {@code ${...}} in a text, and a {@code <foreach>}'s
 * collection (handed to MyBatis's loop under a binding of its own, removed after).
 *
 * <p>Written here, not extended, because the stock builder's tag handlers are private, and
 * {@code IfSqlNode}, {@code TextSqlNode} and {@code ForEachSqlNode} evaluate through MyBatis's static
 * OGNL evaluator. The stock builder still parses
 * every statement first (it decides what is dynamic and reports malformed tags); this tree replaces
 * only a dynamic statement's.
 *
 * <p>Beside the tree it builds a {@link Decider}: the same walk, evaluating the tests only, that
 * records which {@code <if>}/{@code <when>} applied. Where the walk meets nothing whose text depends on
 * a value ({@code ${...}}, a {@code <bind>}, a loop over anything but an empty collection), the text
 * is fixed by those outcomes, so a statement's parse can be kept under them and the text not written
 * at all ({@link ParsedOnceLanguageDriver}).
 */
final class TagTree {

  /**
   * A statement's tree and its decider; {@code tests} is the number of its {@code <if>}s and
   * {@code <when>}s, {@code expressions} of the distinct expressions they test.
   */
  record Statement(SqlNode root, Decider decider, int tests, int expressions) {

    /** Which tests applied for these bindings, or null where the text depends on more than them. */
    BitSet decide(Map<String, Object> bindings) {
      Decisions decisions = new Decisions(new BitSet(tests), new byte[expressions]);
      decider.decide(bindings, decisions);
      return decisions.open ? null : decisions.applied;
    }
  }

  /**
   * The walk's record: the tests that applied, whether it met a part whose text depends on a value,
   * and each expression's outcome once evaluated (the walk binds nothing, so an expression tested in
   * several places, a load's three {@code tags}, comes out the same in each).
   */
  static final class Decisions {
    final BitSet applied;
    private final byte[] outcomes;
    boolean open;

    Decisions(BitSet applied, byte[] outcomes) {
      this.applied = applied;
      this.outcomes = outcomes;
    }

    boolean passes(int expression, PathTest test, Map<String, Object> bindings) {
      if (outcomes[expression] == 0) {
        outcomes[expression] = (byte) (test.evaluate(bindings) ? 1 : -1);
      }
      return outcomes[expression] > 0;
    }
  }

  /** A part's side of the walk: true where it applied (an {@code <if>}'s test passed), as {@link SqlNode#apply}. */
  @FunctionalInterface
  interface Decider {
    boolean decide(Map<String, Object> bindings, Decisions decisions);
  }

  /** A part of the tree and its side of the walk. */
  private record Part(SqlNode node, Decider decider) {
  }

  private static final Decider FIXED = (bindings, decisions) -> true;

  private static final Decider OPEN = (bindings, decisions) -> {
    decisions.open = true;
    return true;
  };

  /** Names the bindings under which a {@code <foreach>} gets the collection read for it. */
  private static final AtomicLong LOOPS = new AtomicLong();

  private final Configuration configuration;
  private int tests;
  private final Map<String, Integer> expressions = new HashMap<>();

  TagTree(Configuration configuration) {
    this.configuration = configuration;
  }

  /** A statement's tags; one tree per statement (its tests are numbered from 0). */
  Statement statement(XNode script) {
    Part root = parse(script);
    return new Statement(root.node(), root.decider(), tests, expressions.size());
  }

  private Part parse(XNode node) {
    List<SqlNode> contents = new ArrayList<>();
    List<Decider> deciders = new ArrayList<>();
    NodeList children = node.getNode().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      XNode child = node.newXNode(children.item(i));
      short type = child.getNode().getNodeType();
      if (type == Node.CDATA_SECTION_NODE || type == Node.TEXT_NODE) {
        String data = child.getStringBody("");
        if (new TextSqlNode(data).isDynamic()) {
          contents.add(substituted(data));
          deciders.add(OPEN);
        } else {
          contents.add(new StaticTextSqlNode(data));
        }
      } else if (type == Node.ELEMENT_NODE) {
        Part part = element(child);
        contents.add(part.node());
        deciders.add(part.decider());
      }
    }
    Decider[] parts = deciders.toArray(Decider[]::new);
    return new Part(new MixedSqlNode(contents), parts.length == 0 ? FIXED : (bindings, decisions) -> {
      for (int i = 0; i < parts.length && !decisions.open; i++) {
        parts[i].decide(bindings, decisions);
      }
      return true;
    });
  }

  private Part element(XNode node) {
    return switch (node.getName()) {
      case "trim" -> trimmed(node, contents -> new TrimSqlNode(configuration, contents, node.getStringAttribute("prefix"),
          node.getStringAttribute("prefixOverrides"), node.getStringAttribute("suffix"),
          node.getStringAttribute("suffixOverrides")));
      case "where" -> trimmed(node, contents -> new WhereSqlNode(configuration, contents));
      case "set" -> trimmed(node, contents -> new SetSqlNode(configuration, contents));
      case "foreach" -> forEach(node);
      case "if", "when" -> tested(node);
      case "choose" -> choose(node);
      case "otherwise" -> parse(node);
      case "bind" -> new Part(new VarDeclSqlNode(node.getStringAttribute("name"), node.getStringAttribute("value")), OPEN);
      default -> throw new BuilderException("Unknown element <" + node.getName() + "> in SQL statement.");
    };
  }

  /** A trim's text is its contents' text, trimmed: decided by what decides them. */
  private Part trimmed(XNode node, Function<SqlNode, SqlNode> trim) {
    Part contents = parse(node);
    return new Part(trim.apply(contents.node()), contents.decider());
  }

  private Part tested(XNode node) {
    int index = tests++;
    String expression = node.getStringAttribute("test");
    int slot = expressions.computeIfAbsent(String.valueOf(expression), e -> expressions.size());
    Part contents = parse(node);
    SqlNode applied = contents.node();
    Decider decided = contents.decider();
    PathTest test = PathTest.of(expression, configuration.getReflectorFactory());
    return new Part(context -> {
      if (test.evaluate(context.getBindings())) {
        applied.apply(context);
        return true;
      }
      return false;
    }, (bindings, decisions) -> {
      if (decisions.passes(slot, test, bindings)) {
        decisions.applied.set(index);
        decided.decide(bindings, decisions);
        return true;
      }
      return false;
    });
  }

  private Part choose(XNode node) {
    List<SqlNode> whens = new ArrayList<>();
    List<Decider> deciders = new ArrayList<>();
    Part otherwise = null;
    for (XNode child : node.getChildren()) {
      String name = child.getName();
      if (name.equals("if") || name.equals("when")) {
        Part when = tested(child);
        whens.add(when.node());
        deciders.add(when.decider());
      } else if (name.equals("otherwise")) {
        if (otherwise != null) {
          throw new BuilderException("Too many default (otherwise) elements in choose statement.");
        }
        otherwise = parse(child);
      }
    }
    Decider[] tried = deciders.toArray(Decider[]::new);
    Decider fallback = otherwise == null ? FIXED : otherwise.decider();
    // As ChooseSqlNode: the first when that applies, else the otherwise.
    return new Part(new ChooseSqlNode(whens, otherwise == null ? null : otherwise.node()), (bindings, decisions) -> {
      for (Decider when : tried) {
        if (when.decide(bindings, decisions)) {
          return true;
        }
      }
      return fallback.decide(bindings, decisions);
    });
  }

  /**
   * A text with {@code ${...}}, written as {@code TextSqlNode} writes it (the same token parser, the
   * same {@code value} binding, null as nothing), each value read through {@link PathTest}.
   */
  private SqlNode substituted(String text) {
    List<PathTest> values = new ArrayList<>();
    // Split once, here; "\0" cannot occur in an XML document's text.
    String[] between = new GenericTokenParser("${", "}", content -> {
      values.add(PathTest.of(content, configuration.getReflectorFactory()));
      return "\0";
    }).parse(text).split("\0", -1);
    return context -> {
      Map<String, Object> bindings = context.getBindings();
      StringBuilder sql = new StringBuilder(between[0]);
      for (int i = 0; i < values.size(); i++) {
        Object parameter = bindings.get(DynamicContext.PARAMETER_OBJECT_KEY);
        if (parameter == null) {
          bindings.put("value", null);
        } else if (SimpleTypeRegistry.isSimpleType(parameter.getClass())) {
          bindings.put("value", parameter);
        }
        Object value = values.get(i).value(bindings);
        sql.append(value == null ? "" : String.valueOf(value)).append(between[i + 1]);
      }
      context.appendSql(sql.toString());
      return true;
    };
  }

  private Part forEach(XNode node) {
    String collection = node.getStringAttribute("collection");
    SqlNode contents = parse(node).node();
    Boolean nullable = node.getBooleanAttribute("nullable");
    String index = node.getStringAttribute("index");
    String item = node.getStringAttribute("item");
    String open = node.getStringAttribute("open");
    String close = node.getStringAttribute("close");
    String separator = node.getStringAttribute("separator");
    ForEachSqlNode stock = new ForEachSqlNode(configuration, contents, collection, nullable, index, item, open, close, separator);
    // The same loop over a collection read here: OGNL then reads one binding, not the path.
    String binding = "__inkwell_loop_" + LOOPS.incrementAndGet();
    ForEachSqlNode overRead = new ForEachSqlNode(configuration, contents, binding, nullable, index, item, open, close, separator);
    PathTest items = PathTest.of(collection, configuration.getReflectorFactory());
    return new Part(context -> {
      Map<String, Object> bindings = context.getBindings();
      if (!(items.pathValue(bindings) instanceof Collection<?> values)) {
        // null, an array, a map, or a value OGNL reads otherwise: MyBatis's loop reads it.
        return stock.apply(context);
      }
      if (values.isEmpty()) {
        // MyBatis's loop writes nothing for it either.
        return true;
      }
      bindings.put(binding, values);
      try {
        return overRead.apply(context);
      } finally {
        bindings.remove(binding);
      }
    }, (bindings, decisions) -> {
      // An empty collection writes and binds nothing; any other value's text depends on its items.
      if (!(items.pathValue(bindings) instanceof Collection<?> values && values.isEmpty())) {
        decisions.open = true;
      }
      return true;
    });
  }
}
