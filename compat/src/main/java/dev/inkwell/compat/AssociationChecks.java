package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.util.List;
import java.util.stream.IntStream;

import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.UserPostsInclude;
import dev.inkwell.posts.TagWithPosts;
import dev.inkwell.posts.UserWithPosts;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Where;
import dev.inkwell.tags.NewTag;
import dev.inkwell.tags.Tag;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;

/** hasMany, belongsTo, belongsToMany and the guide's include forms, through the posts services. */
final class AssociationChecks {

  static final String CATEGORY = "Associations (hasMany, belongsTo, belongsToMany)";

  private AssociationChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  /** Alice: "Hello" (published; tags db9, java) and "Draft". Bob: "Bob's" (tag java). Carol: none. */
  private record Graph(User alice, User bob, User carol, Post hello, Post draft, Post bobs, Tag db9, Tag java) {
  }

  private static Graph graph(CompatContext ctx) {
    List<User> u = ctx.users.bulkCreate(List.of(NewUser.of("alice@example.com", "Alice", 30),
        NewUser.of("bob@example.com", "Bob", 25), NewUser.of("carol@example.com", "Carol", 35)));
    Post hello = ctx.posts.create(new NewPost("Hello", "World", true, u.get(0).id()));
    Post draft = ctx.posts.create(new NewPost("Draft", "Soon", null, u.get(0).id()));
    Post bobs = ctx.posts.create(new NewPost("Bob's", "Post", false, u.get(1).id()));
    Tag db9 = ctx.tags.create(new NewTag("db9"));
    Tag java = ctx.tags.create(new NewTag("java"));
    ctx.posts.addTags(hello.id(), List.of(db9.id(), java.id()));
    ctx.posts.addTags(bobs.id(), List.of(java.id()));
    return new Graph(u.get(0), u.get(1), u.get(2), hello, draft, bobs, db9, java);
  }

  private static List<String> titles(UserWithPosts user) {
    return user.posts().stream().map(Post::title).toList();
  }

  static List<Check> all() {
    return List.of(
        check("Post.create with authorId (the guide's transactional post)", ctx -> {
          Post post = ctx.posts.create(new NewPost("Transactional Post", "Atomic.", null, graph(ctx).alice().id()));
          equal(post.published(), false, "published default");
          return Outcome.pass();
        }),
        check("filters across associations: EXISTS / NOT EXISTS semi-joins ($some, $none, $every, nested)", ctx -> {
          graph(ctx);
          equal(ctx.names("{\"posts\": {\"$some\": {\"tags\": {\"$some\": {\"name\": \"java\"}}}}}"), List.of("Alice", "Bob"), "$some");
          equal(ctx.names("{\"posts\": {\"$none\": {}}}"), List.of("Carol"), "$none");
          equal(ctx.names("{\"posts\": {\"$every\": {\"published\": true}}}"), List.of("Carol"), "$every");
          return Outcome.pass();
        }),
        check("a post for a missing author is refused", ctx -> {
          that(thrown(() -> ctx.posts.create(new NewPost("x", "y", null, -1)), "missing author") instanceof InvalidQueryException,
              "expected InvalidQueryException");
          return Outcome.pass();
        }),
        check("Post belongsTo User as author", ctx -> {
          Graph g = graph(ctx);
          equal(ctx.posts.get(g.hello().id(), new PostInclude(true, false)).author().name(), "Alice", "author");
          return Outcome.pass();
        }),
        check("Post belongsToMany Tag as tags", ctx -> {
          Graph g = graph(ctx);
          equal(ctx.posts.get(g.hello().id(), PostInclude.ALL).tags().stream().map(Tag::name).toList(), List.of("db9", "java"), "tags");
          equal(ctx.posts.get(g.draft().id(), PostInclude.ALL).tags(), List.of(), "no tags");
          return Outcome.pass();
        }),
        check("User hasMany Post: findByPk with include posts (LEFT JOIN)", ctx -> {
          Graph g = graph(ctx);
          equal(titles(ctx.posts.findUserWithPosts(g.alice().id(), UserPostsInclude.posts()).orElseThrow()), List.of("Hello", "Draft"), "posts");
          equal(titles(ctx.posts.findUserWithPosts(g.carol().id(), UserPostsInclude.posts()).orElseThrow()), List.of(), "no posts");
          return Outcome.pass();
        }),
        check("nested include: posts with their tags", ctx -> {
          Graph g = graph(ctx);
          UserWithPosts a = ctx.posts.findUserWithPosts(g.alice().id(), UserPostsInclude.postsWithTags()).orElseThrow();
          equal(a.posts().get(0).tags().stream().map(Tag::name).toList(), List.of("db9", "java"), "tags of Hello");
          equal(a.posts().get(1).tags(), List.of(), "tags of Draft");
          return Outcome.pass();
        }),
        check("filtered include, required (published = true)", ctx -> {
          Graph g = graph(ctx);
          UserPostsInclude published = new UserPostsInclude(Where.field("published").eq(true), true, false);
          equal(titles(ctx.posts.findUserWithPosts(g.alice().id(), published).orElseThrow()), List.of("Hello"), "Alice");
          that(ctx.posts.findUserWithPosts(g.bob().id(), published).isEmpty(), "Bob has no published post");
          return Outcome.pass();
        }),
        check("filtered include, optional", ctx -> {
          Graph g = graph(ctx);
          UserPostsInclude published = new UserPostsInclude(Where.field("published").eq(true), false, false);
          equal(titles(ctx.posts.findUserWithPosts(g.bob().id(), published).orElseThrow()), List.of(), "Bob, no posts");
          return Outcome.pass();
        }),
        check("required include: only users with posts (INNER JOIN)", ctx -> {
          graph(ctx);
          Page<UserWithPosts> authors = ctx.posts.findUsersWithPosts(FindOptions.all(), new UserPostsInclude(null, true, false),
              Paging.DEFAULTS.request(1, 20));
          equal(authors.items().stream().map(u -> u.user().name()).toList(), List.of("Alice", "Bob"), "authors");
          return Outcome.pass();
        }),
        check("a page of users with posts counts users, not joined rows", ctx -> {
          List<User> many = ctx.users.bulkCreate(IntStream.range(0, 25).mapToObj(i -> NewUser.of("u" + i + "@p.test", "U" + i, i)).toList());
          for (User u : many) {
            for (int p = 0; p < 3; p++) {
              ctx.posts.create(new NewPost("p" + p, "x", true, u.id()));
            }
          }
          Page<UserWithPosts> page = ctx.posts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.posts(), Paging.DEFAULTS.request(1, 10));
          equal(page.items().size(), 10, "users on the page");
          equal(page.total(), 25L, "total users");
          that(page.items().stream().allMatch(u -> u.posts().size() == 3), "each user with its 3 posts");
          return Outcome.pass();
        }),
        check("post.addTag twice leaves one link", ctx -> {
          Graph g = graph(ctx);
          ctx.posts.addTags(g.hello().id(), List.of(g.db9().id()));
          equal(ctx.posts.countTags(g.hello().id()), 2, "links");
          return Outcome.pass();
        }),
        check("post.removeTag (guide)", ctx -> {
          Graph g = graph(ctx);
          that(ctx.posts.removeTag(g.hello().id(), g.db9().id()), "removed");
          that(!ctx.posts.hasTag(g.hello().id(), g.db9().id()), "still linked");
          return Outcome.pass();
        }),
        check("post.setTags replaces all", ctx -> {
          Graph g = graph(ctx);
          equal(ctx.posts.setTagsByName(g.hello().id(), List.of("java", "sql")).stream().map(Tag::name).toList(), List.of("java", "sql"), "tags");
          return Outcome.pass();
        }),
        check("Tag.create and find-or-create by name", ctx -> {
          Tag db9 = ctx.tags.create(new NewTag("db9"));
          equal(ctx.tags.findOrCreate("db9"), db9, "existing");
          equal(ctx.tags.findOrCreate("new").name(), "new", "created");
          equal(ctx.tags.count(Where.ALL), 2L, "tags");
          return Outcome.pass();
        }),
        check("Tag belongsToMany Post as posts", ctx -> {
          Graph g = graph(ctx);
          TagWithPosts java = ctx.posts.findTagWithPosts(g.java().id()).orElseThrow();
          equal(java.posts().stream().map(Post::title).toList(), List.of("Hello", "Bob's"), "posts");
          return Outcome.pass();
        }),
        check("deleting a user cascades to its posts and their links", ctx -> {
          Graph g = graph(ctx);
          ctx.users.destroy(Where.field("id").eq(g.alice().id()));
          equal(ctx.posts.count(Where.field("authorId").eq(g.alice().id())), 0L, "posts left");
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM post_tags WHERE \"postId\" = ?", Integer.class, g.hello().id()), 0, "links left");
          return Outcome.pass();
        }),
        check("deleting a tag removes its links and keeps the posts", ctx -> {
          Graph g = graph(ctx);
          ctx.tags.delete(g.java().id());
          equal(ctx.posts.countTags(g.bobs().id()), 0, "links of Bob's post");
          equal(ctx.posts.count(Where.ALL), 3L, "posts");
          return Outcome.pass();
        }));
  }
}
