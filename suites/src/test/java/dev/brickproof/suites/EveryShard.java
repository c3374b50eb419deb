package dev.brickproof.suites;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs whole in every shard ({@link ShardInterceptor}): the health jobs, since each CI runner must know
 * for itself which of its boards the rig really controls.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EveryShard { }
