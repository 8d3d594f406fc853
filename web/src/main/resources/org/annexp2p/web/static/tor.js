/*
 * The tor section (helper webflow owns this file and its section's markup in index.html). Controls: none yet.
 */
(function () {
  'use strict';
}());
