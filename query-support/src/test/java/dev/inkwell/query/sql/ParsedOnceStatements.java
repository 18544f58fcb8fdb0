package dev.inkwell.query.sql;

import java.io.InputStream;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.scripting.LanguageDriver;
import org.apache.ibatis.session.Configuration;

/** {@code parsed-once/Statements.xml} in a configuration of its own, through the given driver. */
final class ParsedOnceStatements {

  private ParsedOnceStatements() {
  }

  static Configuration configuration(Class<? extends LanguageDriver> driver) {
    Configuration configuration = new Configuration();
    configuration.setDefaultScriptingLanguage(driver);
    String resource = "parsed-once/Statements.xml";
    try (InputStream in = ParsedOnceStatements.class.getClassLoader().getResourceAsStream(resource)) {
      new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return configuration;
  }
}
