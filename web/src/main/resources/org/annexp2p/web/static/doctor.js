/*
 * The doctor section (helper web). Controls: none yet.
 */
(function () {
  'use strict';
}());
