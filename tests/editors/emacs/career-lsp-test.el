;;; career-lsp-test.el --- eglot drives career-lsp on a copy of the demo  -*- lexical-binding: t; -*-

;; Run from the repository root, after loading the shipped entry:
;;   emacs --batch -q -l editors/emacs/career-lsp.el -l tests/editors/emacs/career-lsp-test.el
;; with the built server first on PATH. Prints PASS/FAIL per check; exits 1 on a failure.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'markdown-mode)
(require 'flymake)

(defvar career-lsp-test-failures 0)
(defconst career-lsp-test-repo default-directory)

(defun career-lsp-test-report (name ok detail)
  (princ (format "%s: emacs %s%s\n" (if ok "PASS" "FAIL") name
                 (if (and detail (not ok)) (format " — %s" detail) "")))
  (unless ok (cl-incf career-lsp-test-failures)))

(defmacro career-lsp-test-check (name &rest body)
  "Run BODY; it returns (OK . DETAIL). An error fails the check."
  (declare (indent 1))
  `(let ((result (condition-case err (progn ,@body)
                   (error (cons nil (format "error: %S" err))))))
     (career-lsp-test-report ,name (car result) (cdr result))))

(defun career-lsp-test-wait (predicate seconds)
  "Let eglot and Flymake run until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    (funcall predicate)))

(defun career-lsp-test-codes ()
  "The codes of the buffer's Flymake diagnostics that came from the server."
  (sort (delete-dups
         (cl-loop for diag in (flymake-diagnostics)
                  for spec = (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diag))
                  when spec collect (plist-get spec :code)))
        #'string<))

(let* ((workspace (make-temp-file "career-lsp-emacs-" t))
       (demo (expand-file-name "fixtures/demo" career-lsp-test-repo)))
  (copy-directory demo (file-name-as-directory workspace) nil t t)
  (setq eglot-sync-connect t
        eglot-autoreconnect nil
        flymake-no-changes-timeout 0.1)
  (unwind-protect
      (progn
        ;; The entry is in place and eglot picks it for a Markdown buffer.
        (find-file (expand-file-name "Career.md" workspace))
        (career-lsp-test-check "markdown buffer uses the shipped eglot entry"
          (let ((contact (nth 3 (eglot--guess-contact))))
            (cons (and (derived-mode-p 'markdown-mode)
                       (equal contact '("career-lsp" "serve")))
                  (format "mode %s, contact %S" major-mode contact))))

        ;; Connect, as M-x eglot would.
        (apply #'eglot (eglot--guess-contact))
        (career-lsp-test-check "eglot connects to career-lsp"
          (let ((server (eglot-current-server)))
            (cons (and server
                       (equal (plist-get (eglot--server-info server) :name) "career-lsp"))
                  (format "server %S" server))))

        ;; Diagnostics through Flymake, with their codes.
        (career-lsp-test-wait (lambda () (career-lsp-test-codes)) 20)
        (career-lsp-test-check "diagnostics in Career.md"
          (let ((codes (career-lsp-test-codes)))
            (cons (equal codes '("empty-section" "no-contingency" "unquantified-win"))
                  (format "codes %S" codes))))

        ;; Hover on the Sponsors heading: eglot's hover request, rendered as eglot does.
        (career-lsp-test-check "hover on Sponsors shows the definition"
          (goto-char (point-min))
          (re-search-forward "^### Sponsors")
          (backward-char 3)
          (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                         (eglot--TextDocumentPositionParams)))
                 (text (and hover (eglot--hover-info (plist-get hover :contents)
                                                      (plist-get hover :range)))))
            (cons (and text
                       (string-match-p "Sponsor" text)
                       (string-match-p "Advocates for you when you're not in the room" text)
                       (string-match-p "Ruud Janssen" text))
                  (format "hover %S" text))))

        ;; A second note of the same workspace joins the same server.
        (find-file (expand-file-name "2026 Goals.md" workspace))
        (eglot--maybe-activate-editing-mode)
        (career-lsp-test-wait (lambda () (member "goal-not-linked" (career-lsp-test-codes))) 20)
        (career-lsp-test-check "diagnostics in 2026 Goals.md"
          (let ((codes (career-lsp-test-codes)))
            (cons (cl-every (lambda (code) (member code codes))
                            '("goal-not-linked" "goal-without-metric" "too-many-priorities"
                              "unknown-goal-ref" "invalid-status"))
                  (format "codes %S" codes))))

        ;; eglot 1.9 sends `shutdown' with null params; the server must answer it.
        (career-lsp-test-check "eglot shuts the server down"
          (eglot-shutdown (eglot-current-server))
          (cons t nil)))
    (delete-directory workspace t)))

(kill-emacs (if (> career-lsp-test-failures 0) 1 0))
;;; career-lsp-test.el ends here
