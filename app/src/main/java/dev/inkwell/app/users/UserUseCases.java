package dev.inkwell.app.users;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.sql.Stats;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;
import dev.inkwell.users.UserNotFoundException;
import dev.inkwell.users.UserService;

/** One transaction per REST call on users; reads run read-only. */
@Service
public class UserUseCases {

  private final UserService users;

  public UserUseCases(UserService users) {
    this.users = users;
  }

  @Transactional
  public User create(NewUser user) {
    return users.create(user);
  }

  @Transactional
  public List<User> bulkCreate(List<NewUser> batch) {
    return users.bulkCreate(batch);
  }

  @Transactional(readOnly = true)
  public User get(int id) {
    return users.get(id);
  }

  @Transactional(readOnly = true)
  public Page<User> page(FindOptions options, PageRequest page) {
    return users.findPage(options, page);
  }

  /** findAll with limit/offset, answered as a page: size = limit, page = offset / limit + 1. */
  @Transactional(readOnly = true)
  public Page<User> search(FindOptions options, int limit) {
    long offset = options.offset() == null ? 0 : options.offset();
    List<User> items = users.findAll(options.limit(limit, offset));
    long total = users.count(options.where());
    int pages = limit == 0 ? 0 : (int) ((total + limit - 1) / limit);
    int page = limit == 0 ? 1 : (int) (offset / limit) + 1;
    return new Page<>(items, total, page, limit, pages, offset + items.size() < total);
  }

  @Transactional(readOnly = true)
  public Stats stats(Where where) {
    return users.stats("age", where);
  }

  /** PATCH: the changed user, or 404 when there is none with that id. */
  @Transactional
  public User update(int id, Map<String, Object> changes) {
    if (users.update(UserChanges.of(changes), Where.field("id").eq(id)) == 0) {
      throw new UserNotFoundException(id);
    }
    return users.get(id);
  }

  @Transactional
  public UpsertResult upsert(NewUser user) {
    return users.upsert(user);
  }

  @Transactional
  public void delete(int id) {
    if (users.destroy(Where.field("id").eq(id)) == 0) {
      throw new UserNotFoundException(id);
    }
  }

  @Transactional
  public int destroy(Where where) {
    return users.destroy(where);
  }
}
