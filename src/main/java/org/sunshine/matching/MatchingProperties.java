package org.sunshine.matching;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the matching module.
 *
 * @param aliasesFile alias groups: following one member follows the group (read again when it changes)
 */
@ConfigurationProperties("sunshine.matching")
record MatchingProperties(@DefaultValue("config/aliases.yml") Path aliasesFile) {
}
