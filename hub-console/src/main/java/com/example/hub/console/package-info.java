/** The dead-letter console of the hub. */
@NullMarked
package com.example.hub.console;

import org.jspecify.annotations.NullMarked;
