/** Matching: which subscribers' interests a meeting change hits, with the terms and a snippet showing them. */
@org.springframework.modulith.ApplicationModule(displayName = "Matching")
package org.sunshine.matching;
