package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 */
final class TagTree {

  /** Names the bindings under which a {@code <foreach>} gets the collection read for it. */
  private static final AtomicLong LOOPS = new AtomicLong();

  private final Configuration configuration;

  TagTree(Configuration configuration) {
    this.configuration = configuration;
  }

  MixedSqlNode parse(XNode node) {
    List<SqlNode> contents = new ArrayList<>();
    NodeList children = node.getNode().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      XNode child = node.newXNode(children.item(i));
      short type = child.getNode().getNodeType();
      if (type == Node.CDATA_SECTION_NODE || type == Node.TEXT_NODE) {
        String data = child.getStringBody("");
        contents.add(new TextSqlNode(data).isDynamic() ? substituted(data) : new StaticTextSqlNode(data));
      } else if (type == Node.ELEMENT_NODE) {
        contents.add(element(child));
      }
    }
    return new MixedSqlNode(contents);
  }

  private SqlNode element(XNode node) {
    return switch (node.getName()) {
      case "trim" -> new TrimSqlNode(configuration, parse(node), node.getStringAttribute("prefix"),
          node.getStringAttribute("prefixOverrides"), node.getStringAttribute("suffix"),
          node.getStringAttribute("suffixOverrides"));
      case "where" -> new WhereSqlNode(configuration, parse(node));
      case "set" -> new SetSqlNode(configuration, parse(node));
      case "foreach" -> forEach(node);
      case "if", "when" -> tested(node);
      case "choose" -> choose(node);
      case "otherwise" -> parse(node);
      case "bind" -> new VarDeclSqlNode(node.getStringAttribute("name"), node.getStringAttribute("value"));
      default -> throw new BuilderException("Unknown element <" + node.getName() + "> in SQL statement.");
    };
  }

  private SqlNode tested(XNode node) {
    SqlNode contents = parse(node);
    PathTest test = PathTest.of(node.getStringAttribute("test"), configuration.getReflectorFactory());
    return context -> {
      if (test.evaluate(context.getBindings())) {
        contents.apply(context);
        return true;
      }
      return false;
    };
  }

  private SqlNode choose(XNode node) {
    List<SqlNode> whens = new ArrayList<>();
    SqlNode otherwise = null;
    for (XNode child : node.getChildren()) {
      String name = child.getName();
      if (name.equals("if") || name.equals("when")) {
        whens.add(tested(child));
      } else if (name.equals("otherwise")) {
        if (otherwise != null) {
          throw new BuilderException("Too many default (otherwise) elements in choose statement.");
        }
        otherwise = parse(child);
      }
    }
    return new ChooseSqlNode(whens, otherwise);
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

  private SqlNode forEach(XNode node) {
    String collection = node.getStringAttribute("collection");
    SqlNode contents = parse(node);
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
    return context -> {
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
    };
  }
}
