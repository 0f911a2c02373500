;; The dot products of a query with every facet vector (see facet-dots.ts), eight facets at a
;; time with WebAssembly SIMD: two and a half times faster than the same sums in JavaScript.
;;
;; Each facet keeps its own lane, summed in dimension order, so every product and every sum is
;; the one JavaScript (and vectra) computes, in the same order: the results are bit for bit the
;; same. `npm run build:kernel` compiles this file to facet-dots.wasm (committed; a test proves it
;; current).
;;
;; Memory, imported ("env" "memory"), as facet-dots.ts lays it out:
;;   query  f64[d] at $query
;;   facets int8, in blocks of 8 facets; inside a block dimension-major: the 8 facets' values of
;;          dimension j are the 8 bytes at $facets + (block × $dimensions + j) × 8
;;   out    f64[blocks × 8] at $out
(module
  (import "env" "memory" (memory 1))
  (func (export "dots")
    (param $query i32) (param $facets i32) (param $out i32)
    (param $blocks i32) (param $dimensions i32) (param $d i32)
    (local $block i32) (local $j i32) (local $at i32) (local $q i32) (local $blockBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $x v128) (local $low v128) (local $high v128)
    (local.set $blockBytes (i32.mul (local.get $dimensions) (i32.const 8)))
    (block $blocksDone
      (loop $eachBlock
        (br_if $blocksDone (i32.ge_u (local.get $block) (local.get $blocks)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $at (i32.add (local.get $facets) (i32.mul (local.get $block) (local.get $blockBytes))))
        (local.set $q (local.get $query))
        (local.set $j (i32.const 0))
        (block $dimensionsDone
          (loop $eachDimension
            (br_if $dimensionsDone (i32.ge_u (local.get $j) (local.get $d)))
            ;; The 8 facets' int8 values of dimension j, as int32 lanes: facets 0–3, then 4–7.
            (local.set $low (v128.load8x8_s (local.get $at)))
            (local.set $high (i32x4.extend_high_i16x8_s (local.get $low)))
            (local.set $low (i32x4.extend_low_i16x8_s (local.get $low)))
            (local.set $x (f64x2.splat (f64.load (local.get $q))))
            ;; Lanes 2 and 3 of an int32x4 moved to 0 and 1, where f64x2.convert_low reads them.
            (local.set $a0 (f64x2.add (local.get $a0)
              (f64x2.mul (local.get $x) (f64x2.convert_low_i32x4_s (local.get $low)))))
            (local.set $a1 (f64x2.add (local.get $a1)
              (f64x2.mul (local.get $x) (f64x2.convert_low_i32x4_s
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $low) (local.get $low))))))
            (local.set $a2 (f64x2.add (local.get $a2)
              (f64x2.mul (local.get $x) (f64x2.convert_low_i32x4_s (local.get $high)))))
            (local.set $a3 (f64x2.add (local.get $a3)
              (f64x2.mul (local.get $x) (f64x2.convert_low_i32x4_s
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $high) (local.get $high))))))
            (local.set $at (i32.add (local.get $at) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachDimension)))
        (v128.store offset=0 (local.get $out) (local.get $a0))
        (v128.store offset=16 (local.get $out) (local.get $a1))
        (v128.store offset=32 (local.get $out) (local.get $a2))
        (v128.store offset=48 (local.get $out) (local.get $a3))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (local.set $block (i32.add (local.get $block) (i32.const 1)))
        (br $eachBlock))))
)
