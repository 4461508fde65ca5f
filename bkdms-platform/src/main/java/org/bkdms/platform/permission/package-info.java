/**
 * Y.4907 clause 8.3, "Permission", and Appendix I: the platform deploys and upgrades the contracts
 * and registers, suspends, revokes, reinstates and re-keys sampling sites through signed admin
 * transactions.
 */
package org.bkdms.platform.permission;
