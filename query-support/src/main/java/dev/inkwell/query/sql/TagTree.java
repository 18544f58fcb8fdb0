package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.parsing.XNode;
import org.apache.ibatis.scripting.xmltags.ChooseSqlNode;
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
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The tree of a statement's tags, as {@link XMLScriptBuilder} builds it from MyBatis's own node
 * classes, except that an {@code <if>} or {@code <when>} evaluates its test through {@link PathTest}
 * and a {@code <foreach>} over an empty collection is skipped before OGNL reads it.
 *
 * <p>Written here, not extended, because the stock builder's tag handlers are private and
 * {@code IfSqlNode} evaluates through MyBatis's static OGNL evaluator. The stock builder still parses
 * every statement first (it decides what is dynamic and reports malformed tags); this tree replaces
 * only a dynamic statement's.
 */
final class TagTree {

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
        TextSqlNode text = new TextSqlNode(data);
        contents.add(text.isDynamic() ? text : new StaticTextSqlNode(data));
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

  private SqlNode forEach(XNode node) {
    String collection = node.getStringAttribute("collection");
    ForEachSqlNode stock = new ForEachSqlNode(configuration, parse(node), collection,
        node.getBooleanAttribute("nullable"), node.getStringAttribute("index"), node.getStringAttribute("item"),
        node.getStringAttribute("open"), node.getStringAttribute("close"), node.getStringAttribute("separator"));
    PathTest items = PathTest.of(collection, configuration.getReflectorFactory());
    // MyBatis's node writes nothing for an empty collection either, once OGNL has read it.
    return context -> items.emptyCollection(context.getBindings()) || stock.apply(context);
  }
}
