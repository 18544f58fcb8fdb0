package dev.inkwell.tags;

import static dev.inkwell.tags.TagFields.TAGS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.Aggregation;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.query.sql.ChunkedWrite;
import dev.inkwell.query.sql.ListStatements;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.tags.internal.TagMapper;

/**
 * Tag calls. Lists come back by id unless ordered otherwise. Writes require a transaction
 * (propagation MANDATORY).
 */
@Service
public class TagService {

  private final TagMapper mapper;

  private final int maxRowsPerStatement;
  private final ListStatements<Tag> byQuery;

  public TagService(TagMapper mapper, @Value(ChunkedWrite.MAX_ROWS) int maxRowsPerStatement) {
    this.mapper = mapper;
    this.maxRowsPerStatement = maxRowsPerStatement;
    this.byQuery = new ListStatements<>(mapper::selectByQuery, mapper::selectByQuery_COUNT, mapper::selectByQuery_PLAN);
  }

  /** {@code Tag.create}; {@link DuplicateTagException} when the name is taken. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Tag create(NewTag tag) {
    try {
      return mapper.insert(tag.name());
    } catch (DuplicateKeyException e) {
      throw new DuplicateTagException(tag.name(), e);
    }
  }

  /**
   * Many tags by name, created where missing ({@code bulkCreate} with {@code updateOnDuplicate}): one
   * {@code INSERT ... SELECT FROM unnest ... ON CONFLICT (name) DO NOTHING} per
   * {@code inkwell.dml.max-rows-per-statement} names, then the ids of those that existed. A tag has
   * nothing to merge but its name, so {@code MERGE} reports existing tags as updated (unchanged) and
   * {@code IGNORE} as ignored. In input order; a name twice in one call is refused.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public BulkUpsert bulkUpsert(List<NewTag> batch, OnConflict onConflict) {
    Set<String> seen = BulkUpsert.distinct(batch.stream().map(NewTag::name).toList(), "name", "names");
    Map<String, Integer> created = new HashMap<>();
    for (List<String> names : ChunkedWrite.batches(List.copyOf(seen), maxRowsPerStatement)) {
      mapper.insertMissingNames(names.toArray(String[]::new)).forEach(t -> created.put(t.name(), t.id()));
    }
    Map<String, Integer> existing = new HashMap<>();
    List<String> rest = seen.stream().filter(name -> !created.containsKey(name)).toList();
    for (List<String> names : ChunkedWrite.batches(rest, maxRowsPerStatement)) {
      findAll(FindOptions.where(Where.field("name").in(names.toArray()))).forEach(t -> existing.put(t.name(), t.id()));
    }
    boolean ignore = onConflict == OnConflict.IGNORE;
    return BulkUpsert.of(batch.stream().map(t -> created.containsKey(t.name())
        ? new BulkUpsert.Row(created.get(t.name()), "name", t.name(), true, false)
        : new BulkUpsert.Row(existing.get(t.name()), "name", t.name(), false, ignore)).toList(), true);
  }

  /** The tag with this name, created if missing; one tag however many callers race for it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Tag findOrCreate(String name) {
    return findOrCreateAll(List.of(name)).get(0);
  }

  /** Every name as a tag (duplicates in {@code names} collapse), in one statement, ordered by id. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Tag> findOrCreateAll(Collection<String> names) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || name.isBlank() || name.length() > 100) {
        throw new InvalidQueryException("names", "tag names are 1 to 100 characters, got " + (name == null ? "null" : "\"" + name + "\""));
      }
      distinct.add(name);
    }
    if (distinct.isEmpty()) {
      return List.of();
    }
    // Sorted, so that concurrent callers lock the names in the same order and cannot deadlock.
    return mapper.upsertNames(new TreeSet<>(distinct)).stream()
        .sorted(java.util.Comparator.comparing(Tag::id)).toList();
  }

  public Optional<Tag> findByPk(int id) {
    return Optional.ofNullable(mapper.selectById(id));
  }

  public Tag get(int id) {
    return findByPk(id).orElseThrow(() -> new TagNotFoundException(List.of(id)));
  }

  /** The tags with these ids; {@link TagNotFoundException} naming the ids that match none. */
  public List<Tag> getAll(Collection<Integer> ids) {
    Set<Integer> wanted = new TreeSet<>(ids);
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<Tag> found = mapper.selectByIds(wanted);
    if (found.size() != wanted.size()) {
      found.forEach(t -> wanted.remove(t.id()));
      throw new TagNotFoundException(wanted);
    }
    return found;
  }

  public Optional<Tag> findOne(Where where) {
    return mapper.selectByQuery(TAGS.query(FindOptions.where(where).limit(1, null))).stream().findFirst();
  }

  public List<Tag> findAll(FindOptions options) {
    return mapper.selectByQuery(TAGS.query(options));
  }

  public Page<Tag> findPage(FindOptions options, PageRequest page) {
    return PagedSelect.page(page, TAGS.query(options.limit(null, null)), byQuery, tag -> tag);
  }

  /** A keyset window of {@code findAll} (limit and offset of {@code options} are ignored). */
  public Window<Tag> findWindow(FindOptions options, ScrollRequest scroll) {
    return PagedSelect.window(scroll, TAGS, options, byQuery, tag -> tag);
  }

  /** Every tag {@code options} selects, in keyset chunks ({@link PagedSelect#export}). */
  public void export(FindOptions options, Integer afterId, int chunk, Consumer<List<Tag>> sink) {
    PagedSelect.export(TAGS, options, afterId, chunk, byQuery, tag -> tag, sink);
  }

  /**
   * Sequelize's {@code fn}/{@code group}: the aggregation's rows, named as the caller asked, in one
   * statement ({@code selectAggregate}).
   */
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    SqlAggregation sql = TAGS.aggregation(aggregation);
    return sql.rows(mapper.selectAggregate(sql));
  }

  public long count(Where where) {
    return mapper.selectByQuery_COUNT(SqlQuery.of(TAGS.where(where)));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Tag rename(int id, NewTag tag) {
    return renameIf(id, tag, null).orElseThrow(() -> new TagNotFoundException(List.of(id)));
  }

  /**
   * Renames tag {@code id} when it is still at one of {@code versions} ({@link #version}; null: any),
   * checked by the UPDATE itself. Empty when no tag with that id is at such a version.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Tag> renameIf(int id, NewTag tag, List<String> versions) {
    try {
      if (mapper.updateName(id, tag.name(), versions) == 0) {
        return Optional.empty();
      }
    } catch (DuplicateKeyException e) {
      throw new DuplicateTagException(tag.name(), e);
    }
    return findByPk(id);
  }

  /** Deletes the tag; its links to posts go with it (database cascade), the posts stay. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void delete(int id) {
    if (!deleteIf(id, null)) {
      throw new TagNotFoundException(List.of(id));
    }
  }

  /** Deletes tag {@code id} when it is still at one of {@code versions} (null: any), in one statement. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean deleteIf(int id, List<String> versions) {
    return mapper.deleteById(id, versions) > 0;
  }

  /**
   * A tag's version: the hex MD5 of {@code "id:name"}, as the mapper's {@code md5(t.id || ':' || t.name)}
   * computes it. Tags have no timestamp; a rename changes the version.
   */
  public static String version(Tag tag) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest((tag.id() + ":" + tag.name()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code Tag.destroy({where})}; an empty filter is refused. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int destroy(Where where) {
    if (where == null || where.isEmpty()) {
      throw new InvalidQueryException("where", "destroy needs a filter; an empty one would delete every tag");
    }
    return ChunkedWrite.byIdRanges(maxRowsPerStatement, TAGS.where(where), mapper::selectIdBounds, mapper::deleteByQuery);
  }
}
