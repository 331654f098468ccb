/**
 * The interest language residents write (words, "phrases", prefixes*, OR / AND / NOT, parentheses): read into
 * an expression tree, with the position of a mistake. Sign-up checks, alerts and meeting search all read it here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interest language")
package org.sunshine.language;
