/** Subscribers, their contact points and consent, and the interests they follow. */
@org.springframework.modulith.ApplicationModule(displayName = "Subscriptions")
package org.sunshine.subscription;
