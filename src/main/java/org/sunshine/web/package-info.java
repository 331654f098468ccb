/** The web: REST API, resident pages and webhooks. Thin: it binds requests and calls module APIs. */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.sunshine.web;
