/**
 * The platform's REST API (Javalin over HTTPS), its users and roles, its OpenAPI document, and the
 * dashboard's allow-listed static files (Y.4907 clause 8.4, application). Only translation between
 * HTTP and the services lives here.
 */
package org.bkdms.platform.api;
