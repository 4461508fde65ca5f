/**
 * Collection capability (Y.4907 clause 8.1): collectors that read city indicator data from local
 * databases (JDBC with a watermark) and from CSV and xlsx files dropped into a folder, each
 * committing its progress together with what the site made of the data.
 */
package org.bkdms.site.collection;
