/**
 * What a get or a put decides apart from the terminal: where content comes from and goes, whether there is anything
 * to do, and what a finished transfer means for the location log; and lock's lock held on the peer ({@link HeldLock}).
 */
package org.annexp2p.session.transfer;
