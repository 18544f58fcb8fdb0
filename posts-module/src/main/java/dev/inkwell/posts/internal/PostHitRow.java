package dev.inkwell.posts.internal;

/** One ranked post of a search: the post row (with its author when joined), its score and ranks. */
public class PostHitRow {

  private PostRow post;
  private Double score;
  private Integer semanticRank;
  private Integer textRank;

  public PostRow getPost() {
    return post;
  }

  public void setPost(PostRow post) {
    this.post = post;
  }

  public Double getScore() {
    return score;
  }

  public void setScore(Double score) {
    this.score = score;
  }

  public Integer getSemanticRank() {
    return semanticRank;
  }

  public void setSemanticRank(Integer semanticRank) {
    this.semanticRank = semanticRank;
  }

  public Integer getTextRank() {
    return textRank;
  }

  public void setTextRank(Integer textRank) {
    this.textRank = textRank;
  }
}
