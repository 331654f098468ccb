/** Notifications: plans alerts for matched changes, keeps them in a persisted outbox, and sends them by email and SMS. */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.sunshine.notification;
