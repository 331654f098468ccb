/** Documents: agendas, packets and attachments fetched, cached by validators and content, and read page by page. */
@org.springframework.modulith.ApplicationModule(displayName = "Documents")
package org.sunshine.document;
