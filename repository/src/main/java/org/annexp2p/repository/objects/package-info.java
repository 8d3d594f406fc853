/** git-annex's object layout (hash directories, escaped key file names) and content verification. */
package org.annexp2p.repository.objects;
