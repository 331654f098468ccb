/** Feeds: the catalogue in config/feeds.yml, one scheduled poll per feed, HTTP fetching and one reader per format. */
@org.springframework.modulith.ApplicationModule(displayName = "Feeds")
package org.sunshine.feed;
