package dev.inkwell.posts;

public class PostNotFoundException extends RuntimeException {

  public PostNotFoundException(int id) {
    super("no post with id " + id);
  }
}
