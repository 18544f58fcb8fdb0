/**
 * Posts and their associations: Post belongsTo User as {@code author}, Post belongsToMany Tag as
 * {@code tags}, and the reverse reads that start at a user or a tag (User hasMany Post as
 * {@code posts}, Tag belongsToMany Post as {@code posts}).
 *
 * <p>Owns {@code posts} and {@code post_tags}. Calls users-module and tags-module through their public
 * APIs, and reads their tables ({@code users}, {@code tags}) only in its own mapper XML, for the
 * associations it owns. Reads that start at a user and include posts (and their tags) live here, in
 * {@link dev.inkwell.posts.PostService} (UserPostsMapper.xml), because users-module cannot depend on posts.
 */
package dev.inkwell.posts;
