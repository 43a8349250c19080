;;; career-lsp.el --- career-lsp for Markdown notes through eglot  -*- lexical-binding: t; -*-

;; Load this file (or paste the form below into your init file) to start career-lsp
;; for Markdown buffers with M-x eglot, or from `markdown-mode-hook' with `eglot-ensure'.
;; Works with the eglot built into Emacs 29 and later, and with eglot 1.9 on Emacs 28.

;;; Code:

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode markdown-ts-mode) . ("career-lsp" "serve"))))

(provide 'career-lsp)
;;; career-lsp.el ends here
