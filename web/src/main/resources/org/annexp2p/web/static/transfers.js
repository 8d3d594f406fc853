/*
 * The transfers section (helper web). Controls: none yet.
 */
(function () {
  'use strict';
}());
