/** What every module leans on: the clock, security, and the shape of errors. */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.sunshine.system;
