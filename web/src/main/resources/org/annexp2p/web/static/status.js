/*
 * The status section (helper web). Controls: none yet.
 */
(function () {
  'use strict';
}());
