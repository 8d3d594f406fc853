/*
 * The peers section (helper web). Controls: none yet.
 */
(function () {
  'use strict';
}());
