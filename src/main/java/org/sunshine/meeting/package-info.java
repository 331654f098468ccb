/** Meetings and agenda items: reconciles what feeds publish with what is stored and announces each change. */
@org.springframework.modulith.ApplicationModule(displayName = "Meetings")
package org.sunshine.meeting;
