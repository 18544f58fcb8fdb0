package dev.inkwell.compat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.transactions.IsolationObserver;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.app.users.UserUseCases;
import dev.inkwell.posts.PostService;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.WhereJson;
import dev.inkwell.tags.TagService;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;
import dev.inkwell.users.UserService;
import dev.inkwell.vectors.EmbeddingService;
import tools.jackson.databind.json.JsonMapper;

/** What a check works with: Inkwell's real services, on the run's own schema. */
public final class CompatContext {

  final String schema;
  final ApplicationContext spring;
  final UserService users;
  final UserUseCases userUseCases;
  final TagService tags;
  final PostService posts;
  final EmbeddingService embeddings;
  final UnitOfWork uow;
  final JdbcTemplate jdbc;
  final HikariDataSource dataSource;
  final IsolationObserver isolation;
  final Flyway flyway;

  CompatContext(String schema, ApplicationContext spring, Flyway flyway) {
    this.schema = schema;
    this.spring = spring;
    this.users = spring.getBean(UserService.class);
    this.userUseCases = spring.getBean(UserUseCases.class);
    this.tags = spring.getBean(TagService.class);
    this.posts = spring.getBean(PostService.class);
    this.embeddings = spring.getBean(EmbeddingService.class);
    this.uow = spring.getBean(UnitOfWork.class);
    this.jdbc = spring.getBean(JdbcTemplate.class);
    this.dataSource = (HikariDataSource) spring.getBean(DataSource.class);
    this.isolation = spring.getBean(IsolationObserver.class);
    this.flyway = flyway;
  }

  /** Empties the run's tables (schema-qualified: never another schema's) for checks that commit. */
  void reset() {
    jdbc.execute("TRUNCATE \"" + schema + "\".users, \"" + schema + "\".tags, \"" + schema
        + "\".embeddings RESTART IDENTITY CASCADE");
  }

  /** The guide's users: Alice 30 (admin), Bob 25, Carol 35 (bio), Dave 40 (inactive). */
  List<User> guideUsers() {
    return users.bulkCreate(List.of(
        NewUser.of("alice@example.com", "Alice", 30).withMetadata(Map.of("role", "admin", "team", Map.of("name", "core"))),
        new NewUser("bob@example.com", "Bob", 25, null, "50%_off", Map.of("role", "user"), null),
        new NewUser("carol@example.com", "Carol", 35, null, "Likes SQL", null, null),
        new NewUser("dave@example.com", "Dave", 40, false, null, null, "555")));
  }

  /** Names of the users a JSON filter selects, by id. */
  List<String> names(String whereJson) {
    return users.findAll(FindOptions.where(WhereJson.parse(JsonMapper.shared().readTree(whereJson))))
        .stream().map(User::name).toList();
  }
}
