package dev.inkwell.app.tags;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.app.web.IfMatch;
import dev.inkwell.posts.PostService;
import dev.inkwell.posts.TagWithPosts;
import dev.inkwell.query.Aggregation;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.tags.NewTag;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagNotFoundException;
import dev.inkwell.tags.TagService;

/**
 * One transaction per REST call on tags that writes; reads run without one (see UserUseCases). A tag's
 * posts come from posts-module, which owns the links.
 */
@Service
public class TagUseCases {

  private final TagService tags;
  private final PostService posts;
  private final UnitOfWork unitOfWork;

  public TagUseCases(TagService tags, PostService posts, UnitOfWork unitOfWork) {
    this.tags = tags;
    this.posts = posts;
    this.unitOfWork = unitOfWork;
  }

  @Transactional
  public Tag create(NewTag tag) {
    return tags.create(tag);
  }

  /** Bulk upsert by name in one transaction, retried on a deadlock (safe: it only inserts what is missing). */
  public BulkUpsert bulkUpsert(List<NewTag> batch, OnConflict onConflict) {
    return unitOfWork.run(Unit.readWrite().retryable(3), () -> tags.bulkUpsert(batch, onConflict));
  }

  @ReadOnly
  public Tag get(int id) {
    return tags.get(id);
  }

  @ReadOnly
  public Window<Tag> window(FindOptions options, ScrollRequest scroll) {
    return tags.findWindow(options, scroll);
  }

  /**
   * Every tag the options select, chunk by chunk (each chunk one statement, no transaction); with
   * {@code snapshot} every chunk in one REPEATABLE READ read-only transaction, so the export is one
   * consistent snapshot (it then holds a connection and a snapshot for the whole export).
   */
  @ReadOnly
  public void export(FindOptions options, boolean snapshot, Integer afterId, int chunk, Consumer<List<Tag>> sink) {
    if (snapshot) {
      unitOfWork.run(Unit.readOnlyUnit().withIsolation(Isolation.REPEATABLE_READ), () -> tags.export(options, afterId, chunk, sink));
    } else {
      tags.export(options, afterId, chunk, sink);
    }
  }

  /** An aggregation over tags: one statement. */
  @ReadOnly
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    return tags.aggregate(aggregation);
  }

  @ReadOnly
  public Page<Tag> page(FindOptions options, PageRequest page) {
    return tags.findPage(options, page);
  }

  @ReadOnly
  public TagWithPosts withPosts(int id) {
    return posts.findTagWithPosts(id).orElseThrow(() -> new TagNotFoundException(List.of(id)));
  }

  /** With If-Match: only at a version it names ({@link TagService#version}), checked by the UPDATE itself. */
  @Transactional
  public Tag rename(int id, NewTag tag, IfMatch ifMatch) {
    return tags.renameIf(id, tag, IfMatch.tagsOrAny(ifMatch)).orElseThrow(() -> missingOrChanged(id, ifMatch));
  }

  @Transactional
  public void delete(int id, IfMatch ifMatch) {
    if (!tags.deleteIf(id, IfMatch.tagsOrAny(ifMatch))) {
      throw missingOrChanged(id, ifMatch);
    }
  }

  private RuntimeException missingOrChanged(int id, IfMatch ifMatch) {
    return IfMatch.failure(ifMatch, () -> tags.findByPk(id).isPresent(), "tag " + id, () -> new TagNotFoundException(List.of(id)));
  }

  @Transactional
  public int destroy(Where where) {
    return tags.destroy(where);
  }
}
