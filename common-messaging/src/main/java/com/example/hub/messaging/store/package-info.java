/** The application's database: its changes committed together (group commit). */
@NullMarked
package com.example.hub.messaging.store;

import org.jspecify.annotations.NullMarked;
