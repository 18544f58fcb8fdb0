package dev.inkwell.vectors.internal;

import dev.inkwell.vectors.Embedding;
import dev.inkwell.vectors.Neighbor;

/** One embeddings row, with its distance when a search computed one. */
public class EmbeddingRow {

  private Integer id;
  private String name;
  private float[] embedding;
  private Double distance;
  private String version;

  public EmbeddingRow(String name, float[] embedding) {
    this.name = name;
    this.embedding = embedding;
  }

  /** A row as read (the mapper's constructor). */
  public EmbeddingRow(Integer id, String name, float[] embedding) {
    this.id = id;
    this.name = name;
    this.embedding = embedding;
  }

  public Embedding toEmbedding() {
    return new Embedding(id, name, embedding, version);
  }

  public Neighbor toNeighbor() {
    return new Neighbor(id, name, embedding, distance == null || distance.isNaN() ? null : distance);
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public float[] getEmbedding() {
    return embedding;
  }

  public Double getDistance() {
    return distance;
  }

  public void setDistance(Double distance) {
    this.distance = distance;
  }
}
