/**
 * Tags: the guide's Tag model (no timestamps), its CRUD with Op filters, and find-or-create by name,
 * through {@link dev.inkwell.tags.TagService}.
 *
 * <p>Owns the {@code tags} table. Calls no other module. A tag's posts are served by posts-module,
 * which owns the {@code post_tags} links.
 */
package dev.inkwell.tags;
