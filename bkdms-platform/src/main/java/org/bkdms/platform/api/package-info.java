/**
 * The platform's REST API (Javalin over HTTPS), its users and roles, and its OpenAPI document. Only
 * translation between HTTP and the services lives here.
 */
package org.bkdms.platform.api;
